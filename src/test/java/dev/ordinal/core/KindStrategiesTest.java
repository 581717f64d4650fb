package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class KindStrategiesTest {

    /** A strategy that changes every delete hook from the interface's default. */
    private static final class Held implements KindStrategy {
        @Override
        public ResourceType type() {
            return ResourceTypes.POD;
        }

        @Override
        public long gracePeriodSeconds(ObjectNode obj, Long requested) {
            return 30;
        }

        @Override
        public boolean heldOnDelete(ObjectNode obj) {
            return true;
        }

        @Override
        public boolean readyToRemove(ObjectNode obj) {
            return false;
        }
    }

    @Test
    void theAdmissionWrapperDelegatesEveryMethodOfTheStrategy() throws Exception {
        Class<?> admitting = Class.forName(KindStrategies.class.getName() + "$Admitting");
        Set<String> overridden = Arrays.stream(admitting.getDeclaredMethods())
                .map(KindStrategiesTest::signature).collect(Collectors.toSet());

        assertThat(Arrays.stream(KindStrategy.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).map(KindStrategiesTest::signature))
                .as("a method the wrapper does not override answers with the interface's default, not the kind's")
                .allMatch(overridden::contains);
    }

    @Test
    void aKindsGracefulDeletionSurvivesAdmission() {
        KindDefinition pod = KindDefinition.builder(ResourceTypes.POD).strategy(new Held()).build();
        AdmissionPlugin none = (type, obj) -> { };
        KindStrategy strategy = new KindStrategies(KindRegistry.of(pod), List.of(none)).of(ResourceTypes.POD);
        ObjectNode obj = Json.object();

        assertThat(strategy.gracePeriodSeconds(obj, null)).isEqualTo(30);
        assertThat(strategy.heldOnDelete(obj)).isTrue();
        assertThat(strategy.readyToRemove(obj)).isFalse();
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.toString(m.getParameterTypes());
    }
}
