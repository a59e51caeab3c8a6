package dev.verity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalsTest {

    @Test
    void surroundingWhitespaceIsNotPartOfAPrincipal() {
        assertThat(Principals.normalise("group:board ")).isEqualTo("group:board");
        assertThat(Principals.normalise("\u00a0group:board\t")).isEqualTo("group:board");
    }

    @Test
    void principalsAreCaseSensitive() {
        assertThat(Principals.normalise(List.of("group:Board", "group:board"))).hasSize(2);
    }

    @Test
    void composedAndDecomposedFormsAreTheSamePrincipal() {
        assertThat(Principals.normalise("user:jos\u0065\u0301")).isEqualTo(Principals.normalise("user:jos\u00e9"));
    }

    @Test
    void aPrincipalWithSpacesOrControlCharactersInsideIsRefused() {
        assertThatThrownBy(() -> Principals.normalise("group: board")).hasMessageContaining("spaces or control");
        assertThatThrownBy(() -> Principals.normalise("group:\u0000board")).hasMessageContaining("control");
        assertThatThrownBy(() -> Principals.normalise("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Principals.normalise("x".repeat(257))).hasMessageContaining("at most 256");
    }

    @Test
    void aCommaSeparatedListIsParsedIntoNormalisedPrincipals() {
        assertThat(Principals.parse("hr, finance,hr ")).containsExactlyInAnyOrder("hr", "finance");
        assertThat(Principals.parse(" ")).isEmpty();
        assertThatThrownBy(() -> Principals.parse("hr,,finance")).hasMessageContaining("empty");
    }

    @Test
    void scopesAreNamedInLowerCase() {
        assertThat(Scope.of(" Impersonate")).isEqualTo(Scope.IMPERSONATE);
        assertThatThrownBy(() -> Scope.of("root")).hasMessageContaining("query, ingest, admin, impersonate or metrics");
    }
}
