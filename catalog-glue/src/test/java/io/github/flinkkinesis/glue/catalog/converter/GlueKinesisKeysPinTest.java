package io.github.flinkkinesis.glue.catalog.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.junit.jupiter.api.Test;

/**
 * The catalog spells the Kinesis connector's identifier and option keys itself (it must not depend
 * on the connector at compile scope): {@link GlueKinesisKeys} is pinned here to the connector's
 * factory, found the way Flink finds it (SPI, by identifier) on the test class path, so that the
 * pin does not depend on where the connector keeps its classes.
 */
class GlueKinesisKeysPinTest {

    private static DynamicTableFactory kinesisFactory() {
        return FactoryUtil.discoverFactory(
                GlueKinesisKeysPinTest.class.getClassLoader(),
                DynamicTableFactory.class,
                GlueKinesisKeys.CONNECTOR);
    }

    private static Set<ConfigOption<?>> declaredOptions() {
        DynamicTableFactory factory = kinesisFactory();
        Set<ConfigOption<?>> options = new HashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        return options;
    }

    @Test
    void theConnectorIdentifierIsTheConnectorFactorys() {
        assertThat(kinesisFactory().factoryIdentifier()).isEqualTo(GlueKinesisKeys.CONNECTOR);
    }

    @Test
    void theStreamKeyAndItsLegacyFallbackAreTheConnectorsStreamOption() {
        assertThat(declaredOptions())
                .as("the kinesis factory's option '%s'", GlueKinesisKeys.STREAM_OPTION)
                .filteredOn(option -> option.key().equals(GlueKinesisKeys.STREAM_OPTION))
                .singleElement()
                .satisfies(
                        option ->
                                assertThat(option.fallbackKeys())
                                        .extracting(FallbackKey::getKey)
                                        .contains(GlueKinesisKeys.LEGACY_STREAM_OPTION));
    }

    @Test
    void theFormatKeyIsOneTheConnectorDeclares() {
        assertThat(declaredOptions())
                .extracting(ConfigOption::key)
                .contains(FactoryUtil.FORMAT.key());
    }
}
