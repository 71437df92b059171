package org.opensignup.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what the application logs while it is open, to check how much a test's requests wrote. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Events of loggers whose name starts with one of the prefixes. */
  public List<ILoggingEvent> from(String... prefixes) {
    synchronized (appender.list) {
      return appender.list.stream().filter(e -> {
        for (String p : prefixes) if (e.getLoggerName().startsWith(p)) return true;
        return false;
      }).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
