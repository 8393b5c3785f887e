package io.github.flinkkinesis.aws;

/** HTTP protocol version of the asynchronous SDK clients ({@code aws.http.protocol.version}). */
public enum HttpProtocol {
    HTTP1_1,
    HTTP2
}
