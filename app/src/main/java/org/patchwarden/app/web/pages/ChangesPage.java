package org.patchwarden.app.web.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.patchwarden.remediate.Approval;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeState;

/** Changes: newest first, with approval and verification state; approvers approve, analysts apply, verify and cancel here. */
public final class ChangesPage {
  private ChangesPage() {}

  public static String render(List<Change> changes, PageUser user, String notice, String error) {
    Html rows = Html.join(changes.stream().map(c -> row(c, user)).toList());
    Html body = Html.of("""
        <h1>Changes</h1>
        {}{}
        <div class="table-wrap"><table id="changes" class="cards">
        <thead><tr><th>#</th><th>Title</th><th>Planned by</th><th>State</th><th>Approvals</th><th>Verification</th><th></th></tr></thead>
        <tbody>{}</tbody></table></div>
        """, Layout.notice("ok", notice), Layout.notice("error", error), rows);
    return Layout.page("Changes", "changes", user, body, Html.EMPTY);
  }

  private static Html row(Change c, PageUser user) {
    long people = c.approvals().stream().filter(a -> !a.automatic()).count();
    String approvals = c.approvals().isEmpty() ? "0 of " + c.requiredApprovals()
        : c.approvals().stream().map(ChangesPage::approval).collect(Collectors.joining(", "))
            + (c.state() instanceof ChangeState.Planned ? " (" + people + " of " + c.requiredApprovals() + ")" : "");
    boolean mayApprove = user.canApprove() && c.state() instanceof ChangeState.Planned
        && !c.plannedBy().equalsIgnoreCase(user.name())
        && c.approvals().stream().noneMatch(a -> a.by().equalsIgnoreCase(user.name()));
    // Each button only where the role may do it and the state allows it; the use case still decides.
    Html approve = Html.when(mayApprove, form("approve", c, user, "Approve", Html.EMPTY));
    boolean analyst = user.canPlan();
    ChangeState s = c.state();
    Html apply = Html.when(analyst && (s instanceof ChangeState.Approved || s instanceof ChangeState.VerificationFailed
        || s instanceof ChangeState.Unverified), form("apply", c, user, s instanceof ChangeState.Approved
            ? "Mark applied" : "Mark applied again", Html.EMPTY));
    Html verify = Html.when(analyst && c.awaitsVerification(), form("verify", c, user, "Verify now", Html.EMPTY));
    Html cancel = Html.when(analyst && (s instanceof ChangeState.Planned || s instanceof ChangeState.Approved),
        form("cancel", c, user, "Cancel", Html.of("<input type=\"text\" name=\"reason\" required maxlength=\"500\" "
            + "placeholder=\"Reason\" aria-label=\"Reason for cancelling change {}\">", c.id())));
    Html action = Html.join(List.of(approve, apply, verify, cancel));
    return Html.of("""
        <tr data-id="{}"><td>{}</td><td>{}<div class="muted">{} findings on {}</div></td><td>{}</td>\
        <td><span class="state {}">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>
        """, c.id(), c.id(), c.title(), c.findings().size(), String.join(", ", c.assets()), c.plannedBy(),
        c.state().name(), c.state().name(), approvals, verification(c), action);
  }

  /** A POST form of one transition of change {@code c}, with the CSRF field and {@code fields} before the button. */
  private static Html form(String verb, Change c, PageUser user, String label, Html fields) {
    return Html.of("""
        <form method="post" action="/changes/{}" class="transition"><input type="hidden" name="id" value="{}">{}{}\
        <button type="submit" class="{}">{}</button></form>""", verb, c.id(), Layout.csrf(user), fields, verb, label);
  }

  private static String approval(Approval a) {
    return a.automatic() ? a.rule() : a.by();
  }

  private static String verification(Change c) {
    long verified = c.findings().stream().filter(f -> f.outcome() == ChangeFinding.Outcome.VERIFIED).count();
    long failed = c.findings().stream().filter(f -> f.outcome() == ChangeFinding.Outcome.FAILED).count();
    String counts = verified + " verified, " + failed + " failed of " + c.findings().size();
    return switch (c.state()) {
      case ChangeState.Applied a -> counts + "; deadline " + a.deadline().toString().substring(0, 16).replace('T', ' ');
      case ChangeState.Planned p -> "not applied";
      case ChangeState.Approved a -> "not applied";
      case ChangeState.Cancelled x -> "cancelled: " + x.reason();
      default -> counts;
    };
  }
}
