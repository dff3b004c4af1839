package org.patchwarden.app.web.pages;

import java.util.Objects;

/**
 * Who a page is rendered for, as the server's session knows them: what the navigation says and which
 * forms it offers. The server still authorizes every request; hiding a button is only courtesy.
 *
 * @param csrf the session's CSRF token, put in every form
 * @param canPlan whether the role may plan changes
 * @param canApprove whether the role may approve changes (never one's own: the use case refuses it)
 */
public record PageUser(String name, String role, String csrf, boolean canPlan, boolean canApprove) {
  public PageUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(csrf, "csrf");
  }
}
