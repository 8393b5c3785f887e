package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.Secrets;
import io.github.flinkkinesis.glue.catalog.converter.GlueTableConverter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What {@link GlueCatalog} writes to Glue for a table or view, and what it refuses to write:
 *
 * <ul>
 *   <li>only resolved tables and views are stored (materialized tables and models are refused);
 *   <li>options a Kinesis table inherits from the catalog are stripped, so they are never copied
 *       into Glue ({@link InheritedTableOptions#strip});
 *   <li>options that carry a secret are refused with a message that names the keys (never the
 *       values) and the ways to give credentials without storing them;
 *   <li>an {@code ALTER} never turns a table into a view or a view into a table.
 * </ul>
 *
 * Stateless apart from the catalog's name and inherited options; one instance per catalog.
 */
@Internal
final class TableWritePolicy {

    private final String catalogName;
    private final InheritedTableOptions inherited;

    TableWritePolicy(String catalogName, InheritedTableOptions inherited) {
        this.catalogName = catalogName;
        this.inherited = inherited;
    }

    /** The Glue input of a table or view, without inherited options; refuses secrets. */
    TableInput toInput(ObjectPath path, String glueName, CatalogBaseTable table) {
        if (table instanceof ResolvedCatalogTable) {
            ResolvedCatalogTable resolved = (ResolvedCatalogTable) table;
            Map<String, String> options = inherited.strip(resolved.getOptions());
            refuseSecrets(path, options);
            return GlueTableConverter.toTableInput(glueName, resolved.copy(options));
        }
        if (table instanceof ResolvedCatalogView) {
            refuseSecrets(path, table.getOptions());
            return GlueTableConverter.toViewInput(glueName, (ResolvedCatalogView) table);
        }
        throw new CatalogException(
                String.format(
                        "Glue catalog '%s' stores resolved tables and views, but %s is a %s (%s):"
                                + " create it with SQL DDL or the Table API, which resolve it"
                                + " first. Materialized tables and models are not supported.",
                        catalogName,
                        path.getFullName(),
                        table.getTableKind(),
                        table.getClass().getSimpleName()));
    }

    /** Refuses to replace the stored table or view {@code current} by the other kind. */
    void checkSameKind(ObjectPath path, Table current, CatalogBaseTable replacement) {
        boolean isView = GlueTableConverter.isView(current);
        if (isView != (replacement.getTableKind() == CatalogBaseTable.TableKind.VIEW)) {
            throw new CatalogException(
                    String.format(
                            "%s is a %s in Glue catalog '%s' and cannot be altered into a %s:"
                                    + " drop it and create the %s instead.",
                            path.getFullName(),
                            isView ? "view" : "table",
                            catalogName,
                            isView ? "table" : "view",
                            isView ? "table" : "view"));
        }
    }

    /** Refuses database properties that carry a secret: Glue stores them in the clear. */
    void checkDatabase(String name, CatalogDatabase database) {
        refuseSecrets(
                "Database '" + name + "'",
                "property",
                database.getProperties(),
                " Remove the property: database properties are stored in Glue as they are.");
    }

    /** Refuses partition properties that carry a secret: Glue stores them in the clear. */
    void checkPartition(ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition) {
        refuseSecrets(
                "Partition " + spec.getPartitionSpec() + " of table " + path.getFullName(),
                "property",
                partition.getProperties(),
                " Remove the property: partition properties are stored in Glue as they are.");
    }

    private void refuseSecrets(ObjectPath path, Map<String, String> options) {
        refuseSecrets(
                "Table " + path.getFullName(),
                "option",
                options,
                " Remove the option from the table and either give the credentials to the catalog"
                        + " (CREATE CATALOG ... WITH ('aws.credentials.provider'='BASIC', ...): its"
                        + " Kinesis tables inherit them without storing them), or use credentials"
                        + " without secrets in options: the default chain"
                        + " ('aws.credentials.provider'='AUTO': environment, profile, instance or"
                        + " container role), PROFILE, ASSUME_ROLE or WEB_IDENTITY_TOKEN.");
    }

    /** Fails naming the secret keys (never their values) of {@code what}, with {@code advice}. */
    private void refuseSecrets(
            String what, String kind, Map<String, String> properties, String advice) {
        List<String> secretKeys =
                properties.keySet().stream()
                        .filter(Secrets::isSecret)
                        .sorted()
                        .collect(Collectors.toList());
        if (!secretKeys.isEmpty()) {
            throw new CatalogException(
                    String.format(
                            "%s in Glue catalog '%s' sets the %s %s, which carries a secret, and"
                                    + " the Glue catalog never writes secrets to Glue.%s",
                            what,
                            catalogName,
                            kind,
                            secretKeys.stream()
                                    .map(k -> "'" + k + "'")
                                    .collect(Collectors.joining(", ")),
                            advice));
        }
    }
}
