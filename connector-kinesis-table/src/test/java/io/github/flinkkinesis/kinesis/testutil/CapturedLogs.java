package io.github.flinkkinesis.kinesis.testutil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what one class logs (level and formatted message) while open, so that tests can check
 * what is logged, how often, and that no payload is.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final AbstractAppender appender;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public CapturedLogs(Class<?> loggingClass) {
        this.logger = (Logger) LogManager.getLogger(loggingClass);
        this.appender =
                new AbstractAppender(
                        "captured-" + loggingClass.getSimpleName(),
                        null,
                        null,
                        true,
                        Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(
                                event.getLevel() + " " + event.getMessage().getFormattedMessage());
                    }
                };
        appender.start();
        logger.addAppender(appender);
    }

    /** Every captured line as "LEVEL message". */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
