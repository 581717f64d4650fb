package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Looking kinds up, and registering and withdrawing them while the server runs. */
class KindRegistryTest {
    private static final ResourceType WIDGET = new ResourceType("example.com", "v1alpha1", "Widget", "widgets",
            "widget", true, List.of("wd"), List.of("status"), List.of("all"));

    private static KindRegistry builtIns() {
        return KindRegistry.of(KindDefinition.builder(ResourceTypes.POD).build(),
                KindDefinition.builder(ResourceTypes.STATEFUL_SET).tracksGeneration(true).build(),
                KindDefinition.builder(ResourceTypes.EVENT).build(),
                KindDefinition.builder(ResourceTypes.EVENT_V1).storedAs(ResourceTypes.EVENT).build());
    }

    @Test
    void findsKindsByGroupVersionKindPluralAndShortName() {
        KindRegistry kinds = builtIns();
        assertThat(kinds.find("apps", "v1", "StatefulSet")).get().extracting(KindDefinition::tracksGeneration)
                .isEqualTo(true);
        assertThat(kinds.findByResource("", "v1", "pods")).get().extracting(d -> d.type().kind()).isEqualTo("Pod");
        assertThat(kinds.findByShortName("sts")).get().extracting(d -> d.type().plural()).isEqualTo("statefulsets");
        assertThat(kinds.findByApiVersion("apps/v1", "StatefulSet")).isPresent();
        assertThat(kinds.findByKind("Event")).get().extracting(d -> d.type().group()).isEqualTo("");
        assertThat(kinds.stored()).extracting(d -> d.type().kind()).containsExactly("Pod", "StatefulSet", "Event");
        assertThat(kinds.groups()).containsExactly("", "apps", "events.k8s.io");
        assertThat(kinds.findByResource("apps", "v1", "widgets")).isEmpty();
    }

    @Test
    void aKindRegisteredAtRunTimeIsServedUntilWithdrawnAndListenersHearBoth() {
        KindRegistry kinds = builtIns();
        List<KindRegistry.Change> heard = new ArrayList<>();
        kinds.addListener(heard::add);
        long before = kinds.generation();

        kinds.register(KindDefinition.builder(WIDGET).build());
        assertThat(kinds.findByResource("example.com", "v1alpha1", "widgets")).isPresent();
        assertThat(kinds.versions("example.com")).containsExactly("v1alpha1");
        assertThat(kinds.findByShortName("wd")).isPresent();
        assertThat(kinds.get(WIDGET).subresource("status")).isPresent();

        assertThat(kinds.withdraw(WIDGET)).isTrue();
        assertThat(kinds.findByResource("example.com", "v1alpha1", "widgets")).isEmpty();
        assertThat(kinds.withdraw(WIDGET)).isFalse();
        assertThat(kinds.generation()).isEqualTo(before + 2);
        assertThat(heard).extracting(KindRegistry.Change::registered).containsExactly(true, false);
    }

    @Test
    void aSecondKindWithTheSameNamesIsRefused() {
        KindRegistry kinds = builtIns();
        kinds.register(KindDefinition.builder(WIDGET).build());
        assertThatThrownBy(() -> kinds.register(KindDefinition.builder(WIDGET).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Widget");
        ResourceType samePlural = new ResourceType("example.com", "v1alpha1", "Gadget", "widgets", "gadget", true,
                List.of(), List.of(), List.of());
        assertThatThrownBy(() -> kinds.register(KindDefinition.builder(samePlural).build()))
                .hasMessageContaining("widgets");
        ResourceType takenShortName = new ResourceType("example.com", "v1", "Pad", "pads", "pad", true,
                List.of("po"), List.of(), List.of());
        assertThatThrownBy(() -> kinds.register(KindDefinition.builder(takenShortName).build()))
                .hasMessageContaining("short name po");
    }
}
