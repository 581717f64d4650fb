package dev.ordinal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.Browser;
import dev.ordinal.support.ChangeLogTrim;
import dev.ordinal.support.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the live page ({@code /}) in headless Chromium through the article's two stories, and checks that its
 * watches come back after the server drops them. Skipped, with a message, where no chromium and chromedriver are
 * installed. Screenshots go to {@code target/screenshots/} (the README's come from here).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePageIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    ResourceStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.ordinal.store.ChangeFeed feed;

    @Autowired
    WebServerApplicationContext context;

    Browser browser;
    ApiClient api;

    /** One browser for the class, opened by the first test; each test is skipped, with the reason, without one. */
    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.openOrSkip();
            api = new ApiClient(port);
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void show(String namespace) {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}");
        browser.open("http://127.0.0.1:" + port + "/?namespace=" + namespace);
        browser.until(WAIT, () -> "live".equals(browser.find("#connection").getAttribute("data-state")));
    }

    private String volumeOf(int ordinal) {
        List<WebElement> v = browser.all(".slot[data-ordinal='" + ordinal + "'] .volume[data-volume]");
        return v.isEmpty() ? "" : v.get(0).getAttribute("data-volume");
    }

    private String podState(String pod) {
        List<WebElement> p = browser.all(".slot .pod[data-pod='" + pod + "']");
        return p.isEmpty() ? "" : p.get(0).getAttribute("data-state");
    }

    private void scaleBy(String delta, int expected) {
        browser.click("#sts-rows button[data-action='scale'][data-delta='" + delta + "']");
        browser.until(WAIT, () -> browser.find("#sts-rows .facts").getText().contains("replicas " + expected + " wanted"));
        assertThat(browser.find("#cmd-kubectl").getText())
                .isEqualTo("kubectl scale -n live-sts sts/nginx --replicas=" + expected);
    }

    @Test
    void theArticlesStatefulSetAppearsPodByPodAndKeepsEachPodsVolumeThroughScaleInAndOut() {
        show("live-sts");
        // Each pod takes a second to start, so the order is visible; the page records what it drew, and when.
        browser.script("MANIFESTS.statefulSet.spec.template.metadata.annotations = {'sim.ordinal.dev/start-seconds': '1'};"
                + "window.seen = [];"
                + "new MutationObserver(() => document.querySelectorAll('.slot .pod[data-pod]').forEach((p) => {"
                + "  const n = p.dataset.pod;"
                + "  if (n && !seen.some((s) => s.pod === n)) seen.push({pod: n, others: [...document.querySelectorAll('.slot .pod[data-pod]')]"
                + "    .filter((q) => q.dataset.pod && q.dataset.pod !== n).map((q) => q.dataset.pod + '=' + q.dataset.state)});"
                + "})).observe(document.body, {subtree: true, childList: true, attributes: true});");
        browser.click("button[data-action='create-sts']");
        browser.until(WAIT, () -> List.of(0, 1, 2).stream().allMatch(i -> podState("nginx-" + i).equals("Running, Ready")
                && volumeOf(i).startsWith("pvc-")));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen = (List<Map<String, Object>>) browser.script("return window.seen;");
        assertThat(seen).extracting(s -> s.get("pod")).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(others(seen.get(1))).containsExactly("nginx-0=Running, Ready");
        assertThat(others(seen.get(2))).containsExactly("nginx-0=Running, Ready", "nginx-1=Running, Ready");
        List<String> volumes = List.of(volumeOf(0), volumeOf(1), volumeOf(2));
        assertThat(volumes).doesNotHaveDuplicates();
        assertThat(browser.find("#cmd-kubectl").getText()).startsWith("kubectl apply -n live-sts -f");

        scaleBy("-1", 2);
        scaleBy("-1", 1);
        browser.until(WAIT, () -> podState("nginx-1").isEmpty() && podState("nginx-2").isEmpty());
        // The claims and volumes outlive their pods and stay drawn in their ordinal's place.
        for (int i = 1; i <= 2; i++) {
            assertThat(browser.find(".slot[data-ordinal='" + i + "'] .pod.absent").getText()).contains("no pod");
            assertThat(browser.find(".slot[data-ordinal='" + i + "'] .claim").getAttribute("data-claim")).isEqualTo("www-nginx-" + i);
            assertThat(volumeOf(i)).isEqualTo(volumes.get(i));
        }
        browser.screenshot("live-page-statefulset-scaled-in");

        scaleBy("1", 2);
        scaleBy("1", 3);
        browser.until(WAIT, () -> podState("nginx-1").equals("Running, Ready") && podState("nginx-2").equals("Running, Ready"));
        assertThat(List.of(volumeOf(0), volumeOf(1), volumeOf(2))).isEqualTo(volumes);
        browser.screenshot("live-page-statefulset");
    }

    @Test
    void theReplicationControllerShowsOneHolderOfTheSharedClaimAndTwoPodsWaitingWithTheMultiAttachError() {
        show("live-rc");
        browser.click("button[data-action='create-rc']");
        browser.until(WAIT, () -> {
            List<WebElement> h = browser.all("#rs-rows .holder");
            return h.size() == 1 && "1".equals(h.get(0).getAttribute("data-holders"))
                    && "2".equals(h.get(0).getAttribute("data-waiting"))
                    && browser.all("#rs-rows .rs-pod[data-role='waiting'] .multi-attach").size() == 2;
        });
        String holder = browser.find("#rs-rows .rs-pod[data-role='holder'] .pod").getAttribute("data-pod");
        assertThat(holder).matches("nginx-[a-z0-9]{5}");
        for (WebElement waiting : browser.all("#rs-rows .rs-pod[data-role='waiting'] .multi-attach")) {
            assertThat(waiting.getText()).startsWith("Multi-Attach error for volume \"pvc-")
                    .endsWith("Volume is already used by pod(s) " + holder);
        }
        String volume = browser.find("#rs-rows .shared-claim .volume").getAttribute("data-volume");
        String node = browser.find("#rs-rows .rs-pod[data-role='holder'] .pod .where").getText().replace("on ", "");
        assertThat(browser.find(".node[data-node='" + node + "']").getText()).contains(holder).contains(volume);
        List<WebElement> warnings = browser.all("#event-list li.warning[data-reason='FailedAttachVolume']");
        assertThat(warnings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(warnings.get(0).getText()).contains("Warning");
        browser.screenshot("live-page-replicationcontroller");

        // Filtering by object leaves that pod's events only.
        String waitingPod = browser.find("#rs-rows .rs-pod[data-role='waiting'] .pod").getAttribute("data-pod");
        browser.find("#event-filter").sendKeys("pod/" + waitingPod);
        browser.until(WAIT, () -> browser.all("#event-list li").stream().filter(WebElement::isDisplayed)
                .allMatch(li -> li.getAttribute("data-object").equals("pod/" + waitingPod)));
        assertThat(browser.all("#event-list li").stream().filter(WebElement::isDisplayed).count()).isPositive();
    }

    @Test
    void theWatchesResumeFromTheirLastVersionAfterTheServerDropsThemAndListAgainAfter410() throws Exception {
        show("live-resume");
        long listsBefore = counter("lists");
        long watchesBefore = counter("watches");
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        int httpPort = connector.getLocalPort();
        connector.stop();
        try {
            // While no client can reach the server, a StatefulSet is created and its controller makes its pod.
            store.create(ResourceTypes.STATEFUL_SET, "live-resume", (ObjectNode) Json.parse("""
                    {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
                     "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"serviceName":"web",
                      "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}"""));
            browser.until(WAIT, () -> !"live".equals(browser.find("#connection").getAttribute("data-state")));
        } finally {
            connector.setPort(httpPort);
            connector.start();
        }
        browser.until(WAIT, () -> podState("web-0").equals("Running, Ready"));
        browser.until(WAIT, () -> "live".equals(browser.find("#connection").getAttribute("data-state")));
        assertThat(counter("watches")).isGreaterThan(watchesBefore);
        assertThat(counter("lists")).as("resumed from the last version, not listed again").isEqualTo(listsBefore);

        // The server loses its place in the change feed: every watch ends with 410 and the page lists again.
        ChangeLogTrim.forceRelist(jdbc, feed);
        api.patch("/apis/apps/v1/namespaces/live-resume/statefulsets/web/scale", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":2}}");
        browser.until(WAIT, () -> counter("lists") >= listsBefore + 8);
        browser.until(WAIT, () -> podState("web-1").equals("Running, Ready"));
        assertThat(podState("web-0")).isEqualTo("Running, Ready");
    }

    @SuppressWarnings("unchecked")
    private static List<String> others(Map<String, Object> seen) {
        return (List<String>) seen.get("others");
    }

    private long counter(String name) {
        return ((Number) browser.script("return ordinalLive.informers.reduce((n, i) => n + i.counters['" + name + "'], 0);"))
                .longValue();
    }
}
