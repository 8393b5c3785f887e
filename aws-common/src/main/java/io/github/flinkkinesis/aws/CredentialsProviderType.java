package io.github.flinkkinesis.aws;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** How the AWS credentials of a connection are obtained ({@code aws.credentials.provider}). */
@PublicEvolving
public enum CredentialsProviderType implements DescribedEnum {
    AUTO(
            "The SDK's default chain: environment, system properties, web identity, profile, container, instance."),
    BASIC("A fixed access key ID and secret key (aws.credentials.basic.*)."),
    ENV_VAR("The AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables."),
    SYS_PROP("The aws.accessKeyId / aws.secretAccessKey JVM system properties."),
    PROFILE("A named profile from the AWS credentials file (aws.credentials.profile.*)."),
    ASSUME_ROLE("An IAM role assumed through STS (aws.credentials.role.*)."),
    WEB_IDENTITY_TOKEN(
            "A role assumed with a web identity token file (e.g. EKS service accounts)."),
    CUSTOM("A class implementing AwsCredentialsProvider (aws.credentials.custom.class).");

    private final String description;

    CredentialsProviderType(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
