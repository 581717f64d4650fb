package dev.ordinal.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;


import org.junit.jupiter.api.Test;

/** Storage quantities as Kubernetes reads them: binary and decimal suffixes, exponents, milli, by value. */
class QuantityValueTest {
    private static boolean atLeast(String a, String b) {
        return Quantity.compare(a, b) >= 0;
    }


    @Test
    void binarySuffixesArePowersOfTwo() {
        assertThat(Quantity.parse("1Ki")).isEqualByComparingTo("1024");
        assertThat(Quantity.parse("1Mi")).isEqualByComparingTo("1048576");
        assertThat(Quantity.parse("1Gi")).isEqualByComparingTo("1073741824");
        assertThat(Quantity.parse("2Ti")).isEqualByComparingTo(BigDecimal.valueOf(2L << 40));
        assertThat(Quantity.parse("1Pi")).isEqualByComparingTo(BigDecimal.valueOf(1L << 50));
        assertThat(Quantity.parse("1Ei")).isEqualByComparingTo(BigDecimal.valueOf(1L << 60));
    }

    @Test
    void decimalSuffixesArePowersOfTen() {
        assertThat(Quantity.parse("1k")).isEqualByComparingTo("1000");
        assertThat(Quantity.parse("1M")).isEqualByComparingTo("1000000");
        assertThat(Quantity.parse("1G")).isEqualByComparingTo("1000000000");
        assertThat(Quantity.parse("1T")).isEqualByComparingTo("1e12");
        assertThat(Quantity.parse("1P")).isEqualByComparingTo("1e15");
        assertThat(Quantity.parse("1E")).isEqualByComparingTo("1e18");
        assertThat(Quantity.parse("500m")).isEqualByComparingTo("0.5");
    }

    @Test
    void plainNumbersFractionsAndExponents() {
        assertThat(Quantity.parse("123")).isEqualByComparingTo("123");
        assertThat(Quantity.parse("1.5Gi")).isEqualByComparingTo("1610612736");
        assertThat(Quantity.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantity.parse("1E3")).isEqualByComparingTo("1000");
        assertThat(Quantity.parse("5e-1")).isEqualByComparingTo("0.5");
        assertThat(Quantity.parse("+2")).isEqualByComparingTo("2");
        assertThat(Quantity.parse(" 2Gi ")).isEqualByComparingTo(BigDecimal.valueOf(2L << 30));
    }

    @Test
    void invalidQuantitiesParseToNull() {
        assertThat(Quantity.parse((String) null)).isNull();
        assertThat(Quantity.parse("")).isNull();
        assertThat(Quantity.parse("abc")).isNull();
        assertThat(Quantity.parse("1GB")).isNull();
        assertThat(Quantity.parse("1gi")).isNull();
        assertThat(Quantity.parse("Gi")).isNull();
        assertThat(Quantity.parse(".")).isNull();
        assertThat(Quantity.parse("1e")).isNull();
    }

    @Test
    void comparisonIsByValueAcrossSuffixes() {
        assertThat(Quantity.compare("1Gi", "1024Mi")).isZero();
        assertThat(Quantity.compare("1Gi", "1G")).isPositive();
        assertThat(Quantity.compare("1000M", "1G")).isZero();
        assertThat(Quantity.compare("999Mi", "1Gi")).isNegative();
        assertThat(Quantity.compare("2e9", "1Gi")).isPositive();
    }

    @Test
    void atLeastHoldsForEqualAndLargerValues() {
        assertThat(atLeast("5Gi", "5Gi")).isTrue();
        assertThat(atLeast("5120Mi", "5Gi")).isTrue();
        assertThat(atLeast("10Gi", "5Gi")).isTrue();
        assertThat(atLeast("5G", "5Gi")).isFalse();
    }

    @Test
    void unparseableOrMissingQuantitiesCountAsZero() {
        assertThat(atLeast("1Gi", (String) null)).isTrue();
        assertThat(atLeast((String) null, "1Gi")).isFalse();
        assertThat(atLeast("junk", "0")).isTrue();
        assertThat(Quantity.compare("junk", (String) null)).isZero();
    }
}
