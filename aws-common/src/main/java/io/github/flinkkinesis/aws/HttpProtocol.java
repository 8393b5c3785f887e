package io.github.flinkkinesis.aws;

import org.apache.flink.annotation.PublicEvolving;

/** HTTP protocol version of the asynchronous SDK clients ({@code aws.http.protocol.version}). */
@PublicEvolving
public enum HttpProtocol {
    HTTP1_1,
    HTTP2
}
