package io.manticore.vfs.conformance;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import org.junit.runner.Runner;
import org.junit.runners.Suite;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.junit.runners.model.TestClass;
import org.junit.runners.parameterized.BlockJUnit4ClassRunnerWithParameters;
import org.junit.runners.parameterized.TestWithParameters;

/**
 * The JUnit runner of the conformance suite: on a class implementing {@link BackendUnderTest}
 * ({@code @RunWith(VfsConformance.class)}), runs every conformance class against that backend.
 */
public final class VfsConformance extends Suite {

    /** Every class of the suite; a new one is added here. */
    static final List<Class<? extends ConformanceCase>> CASES = List.of(
            CapabilityConformance.class,
            LookupConformance.class,
            HandleConformance.class,
            AttrConformance.class,
            CreateConformance.class,
            LinkConformance.class,
            OpenConformance.class,
            RenameConformance.class,
            RemoveConformance.class,
            ReadWriteConformance.class,
            UnlinkedConformance.class,
            SpaceConformance.class,
            CopyCloneConformance.class,
            XattrConformance.class,
            ReaddirConformance.class,
            StatfsConformance.class);

    public VfsConformance(Class<?> backendClass) throws InitializationError {
        super(backendClass, runners(backendClass));
    }

    private static List<Runner> runners(Class<?> backendClass) throws InitializationError {
        if (!BackendUnderTest.class.isAssignableFrom(backendClass)) {
            throw new InitializationError(backendClass.getName() + " must implement " + BackendUnderTest.class.getName());
        }
        BackendUnderTest backend;
        try {
            backend = (BackendUnderTest) backendClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InitializationError(e);
        }
        String suffix = "[" + backendClass.getSimpleName() + "]";
        List<Runner> runners = new ArrayList<>();
        for (Class<? extends ConformanceCase> type : CASES) {
            runners.add(new CaseRunner(type, suffix, backend));
        }
        return runners;
    }

    /** One conformance class built with the backend as its constructor argument. */
    private static final class CaseRunner extends BlockJUnit4ClassRunnerWithParameters {

        private final String name;
        private final String suffix;

        CaseRunner(Class<?> type, String suffix, BackendUnderTest backend) throws InitializationError {
            super(new TestWithParameters(suffix, new TestClass(type), List.of(backend)));
            this.name = type.getSimpleName() + suffix;
            this.suffix = suffix;
        }

        @Override
        protected String getName() {
            return name;
        }

        @Override
        protected String testName(FrameworkMethod method) {
            return method.getName() + suffix;
        }

        // The parameterized runner drops the first annotation, assuming it is @RunWith; these classes have none.
        @Override
        protected Annotation[] getRunnerAnnotations() {
            return getTestClass().getAnnotations();
        }
    }
}
