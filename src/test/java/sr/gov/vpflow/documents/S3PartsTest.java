package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A content of any size the upload limit allows fits in S3's 10,000 parts. */
class S3PartsTest {

    private static final long MIB = 1024L * 1024;

    @Test
    void partsAreEightMebibytesUntilTenThousandOfThemWouldNotHoldTheContent() {
        assertThat(S3DocumentStore.partSize(20 * MIB)).isEqualTo(8 * MIB);
        assertThat(S3DocumentStore.partSize(80_000 * MIB)).isEqualTo(8 * MIB);
        for (long size : new long[] {80_000 * MIB + 1, 90 * 1024 * MIB, 100 * 1024 * MIB, 102_400 * MIB}) {
            long part = S3DocumentStore.partSize(size);
            assertThat(part % MIB).as("whole mebibytes").isZero();
            assertThat((size + part - 1) / part)
                    .as(size + " bytes in parts of " + part)
                    .isLessThanOrEqualTo(10_000);
        }
    }
}
