package io.loopdesk.dashboard;

import io.loopdesk.web.FormNotice;

/**
 * What the shared layout needs around every page: its title, the navigation entry it belongs
 * to, who is signed in (null on the sign-up and log-in pages and for visitors), and what a form
 * posted without JavaScript just did (null when none was).
 */
public record Shell(String title, Section section, Viewer viewer, FormNotice notice) {

    /** The signed-in person, and the CSRF token htmx sends with every write. */
    public record Viewer(String accountId, String name, String email, String csrfToken) {
    }

    public static Shell visitor(String title) {
        return new Shell(title, null, null, null);
    }

    public boolean isSignedIn() {
        return viewer != null;
    }

    public boolean isIn(Section candidate) {
        return section == candidate;
    }

    /** The JSON of {@code hx-headers} on the body: every htmx write carries the token. */
    public String htmxHeaders() {
        return viewer == null ? "{}" : "{\"X-CSRF-Token\": \"" + viewer.csrfToken() + "\"}";
    }
}
