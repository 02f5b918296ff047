package io.loopdesk.dashboard;

/** The places the navigation leads to, in the order it shows them. */
public enum Section {
    REQUESTS("/requests", "Requests"),
    LOOPS("/loops", "Loops"),
    KEYS("/keys", "API keys"),
    USAGE("/usage", "Usage"),
    WEBHOOKS("/webhooks", "Webhooks"),
    QUEUE("/queue", "Queue");

    private final String path;
    private final String label;

    Section(String path, String label) {
        this.path = path;
        this.label = label;
    }

    public String path() {
        return path;
    }

    public String label() {
        return label;
    }
}
