package io.loopdesk.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountService;
import io.loopdesk.loop.LoopService;
import io.loopdesk.problem.Problem;
import io.loopdesk.web.Authentication;
import io.loopdesk.web.Caller;
import io.loopdesk.web.RouteSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sign-up, log-in and log-out: the only pages a visitor without a session may use. */
final class AccountPages implements RouteSet {

    private final AccountService accounts;
    private final PageAccess access;
    private final SessionCookies cookies;
    private final LoopService loops;

    AccountPages(AccountService accounts, PageAccess access, SessionCookies cookies,
                 LoopService loops) {
        this.accounts = accounts;
        this.access = access;
        this.cookies = cookies;
        this.loops = loops;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/signup", this::signUpForm);
        routes.post("/signup", this::signUp);
        routes.get("/login", this::logInForm);
        routes.post("/login", this::logIn);
        routes.post("/logout", this::logOut);
    }

    /** Signed in: a reviewer who owns no loop starts at the queue, everyone else at requests. */
    private void home(Context ctx) {
        Optional<Caller> caller = access.find(ctx);
        if (caller.isPresent()) {
            ctx.redirect(loops.onlyReviews(caller.get().accountId()) ? Section.QUEUE.path()
                    : Section.REQUESTS.path());
        } else if (accounts.hasNoAccounts()) {
            ctx.redirect("/signup");
        } else {
            ctx.redirect("/login");
        }
    }

    private void signUpForm(Context ctx) {
        if (access.find(ctx).isPresent()) {
            ctx.redirect(Section.REQUESTS.path());
            return;
        }
        renderForm(ctx, "signup.jte", "Create your account", null, Map.of());
    }

    private void signUp(Context ctx) {
        cookies.checkFormToken(ctx);
        String email = ctx.formParam("email");
        String name = ctx.formParam("name");
        Account account;
        try {
            account = accounts.signUp(email, name, ctx.formParam("password"));
        } catch (Problem refused) {
            ctx.status(refused.status());
            renderForm(ctx, "signup.jte", "Create your account", explain(refused),
                    Map.of("email", orEmpty(email), "name", orEmpty(name)));
            return;
        }
        cookies.open(ctx, accounts.startSession(account.id()));
        ctx.redirect(PageAccess.safeReturn(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void logInForm(Context ctx) {
        if (access.find(ctx).isPresent()) {
            ctx.redirect(PageAccess.safeReturn(ctx.queryParam("next")));
            return;
        }
        renderForm(ctx, "login.jte", "Log in", null, Map.of());
    }

    private void logIn(Context ctx) {
        cookies.checkFormToken(ctx);
        String email = ctx.formParam("email");
        Account account;
        try {
            account = accounts.logIn(email, ctx.formParam("password"));
        } catch (Problem refused) {
            ctx.status(refused.status());
            renderForm(ctx, "login.jte", "Log in", refused.getMessage(),
                    Map.of("email", orEmpty(email)));
            return;
        }
        cookies.open(ctx, accounts.startSession(account.id()));
        String next = ctx.formParam("next");
        ctx.redirect(next == null || next.isBlank() ? "/" : PageAccess.safeReturn(next),
                HttpStatus.SEE_OTHER);
    }

    private void logOut(Context ctx) {
        if (access.find(ctx).isPresent()) {
            accounts.endSession(ctx.cookie(Authentication.SESSION_COOKIE));
        }
        cookies.close(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void renderForm(Context ctx, String template, String title, String error,
                            Map<String, String> values) {
        String next = ctx.formParam("next") != null ? ctx.formParam("next")
                : ctx.queryParam("next");
        Map<String, Object> model = new HashMap<>();
        model.put("shell", Shell.visitor(title));
        model.put("formToken", cookies.formToken(ctx));
        model.put("next", next == null ? "" : PageAccess.safeReturn(next));
        model.put("error", error);
        model.put("email", values.getOrDefault("email", ""));
        model.put("name", values.getOrDefault("name", ""));
        ctx.render(template, model);
    }

    /** Validation problems carry the detail in data; that is what the person needs to read. */
    private static String explain(Problem refused) {
        return refused.data() instanceof String detail ? capitalise(detail) : refused.getMessage();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
