package dev.ordinal.config;

import java.util.concurrent.Executors;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Streaming responses (watches) each hold a thread for their lifetime, so they get an unbounded cached pool. */
@Configuration
public class WebConfig implements WebMvcConfigurer {
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setTaskExecutor(new TaskExecutorAdapter(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stream");
            t.setDaemon(true);
            return t;
        })));
        configurer.setDefaultTimeout(-1);
    }
}
