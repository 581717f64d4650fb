package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Storage quantities as Kubernetes reads them: binary and decimal suffixes, exponents, milli, by value. */
class QuantitiesTest {

    @Test
    void binarySuffixesArePowersOfTwo() {
        assertThat(Quantities.parse("1Ki")).isEqualByComparingTo("1024");
        assertThat(Quantities.parse("1Mi")).isEqualByComparingTo("1048576");
        assertThat(Quantities.parse("1Gi")).isEqualByComparingTo("1073741824");
        assertThat(Quantities.parse("2Ti")).isEqualByComparingTo(BigDecimal.valueOf(2L << 40));
        assertThat(Quantities.parse("1Pi")).isEqualByComparingTo(BigDecimal.valueOf(1L << 50));
        assertThat(Quantities.parse("1Ei")).isEqualByComparingTo(BigDecimal.valueOf(1L << 60));
    }

    @Test
    void decimalSuffixesArePowersOfTen() {
        assertThat(Quantities.parse("1k")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("1M")).isEqualByComparingTo("1000000");
        assertThat(Quantities.parse("1G")).isEqualByComparingTo("1000000000");
        assertThat(Quantities.parse("1T")).isEqualByComparingTo("1e12");
        assertThat(Quantities.parse("1P")).isEqualByComparingTo("1e15");
        assertThat(Quantities.parse("1E")).isEqualByComparingTo("1e18");
        assertThat(Quantities.parse("500m")).isEqualByComparingTo("0.5");
    }

    @Test
    void plainNumbersFractionsAndExponents() {
        assertThat(Quantities.parse("123")).isEqualByComparingTo("123");
        assertThat(Quantities.parse("1.5Gi")).isEqualByComparingTo("1610612736");
        assertThat(Quantities.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("1E3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("5e-1")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("+2")).isEqualByComparingTo("2");
        assertThat(Quantities.parse(" 2Gi ")).isEqualByComparingTo(BigDecimal.valueOf(2L << 30));
    }

    @Test
    void invalidQuantitiesParseToNull() {
        assertThat(Quantities.parse(null)).isNull();
        assertThat(Quantities.parse("")).isNull();
        assertThat(Quantities.parse("abc")).isNull();
        assertThat(Quantities.parse("1GB")).isNull();
        assertThat(Quantities.parse("1gi")).isNull();
        assertThat(Quantities.parse("Gi")).isNull();
        assertThat(Quantities.parse(".")).isNull();
        assertThat(Quantities.parse("1e")).isNull();
    }

    @Test
    void comparisonIsByValueAcrossSuffixes() {
        assertThat(Quantities.compare("1Gi", "1024Mi")).isZero();
        assertThat(Quantities.compare("1Gi", "1G")).isPositive();
        assertThat(Quantities.compare("1000M", "1G")).isZero();
        assertThat(Quantities.compare("999Mi", "1Gi")).isNegative();
        assertThat(Quantities.compare("2e9", "1Gi")).isPositive();
    }

    @Test
    void atLeastHoldsForEqualAndLargerValues() {
        assertThat(Quantities.atLeast("5Gi", "5Gi")).isTrue();
        assertThat(Quantities.atLeast("5120Mi", "5Gi")).isTrue();
        assertThat(Quantities.atLeast("10Gi", "5Gi")).isTrue();
        assertThat(Quantities.atLeast("5G", "5Gi")).isFalse();
    }

    @Test
    void unparseableOrMissingQuantitiesCountAsZero() {
        assertThat(Quantities.atLeast("1Gi", null)).isTrue();
        assertThat(Quantities.atLeast(null, "1Gi")).isFalse();
        assertThat(Quantities.atLeast("junk", "0")).isTrue();
        assertThat(Quantities.compare("junk", null)).isZero();
    }
}
