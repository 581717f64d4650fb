package dev.ordinal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Ordinal: a small Kubernetes-style control plane for stateful workloads. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class OrdinalApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(OrdinalApplication.class);
        // initdb and the server's start overlap with building the context (a fresh start's two largest parts).
        app.addListeners(new dev.ordinal.config.EmbeddedPostgresPrestart());
        app.run(args);
    }
}
