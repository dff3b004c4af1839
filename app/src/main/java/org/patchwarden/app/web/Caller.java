package org.patchwarden.app.web;

import io.javalin.http.Context;
import org.patchwarden.access.Session;
import org.patchwarden.access.User;

/**
 * Who makes the current request: the user, and the browser session when it came with a cookie
 * (null for an API token). Handlers read it with {@link #of(Context)}.
 */
public record Caller(User user, Session session) {
  static final String ATTRIBUTE = "patchwarden.caller";

  /** The signed-in caller; a route with {@link Permission#PUBLIC} may have none (then 401). */
  public static Caller of(Context ctx) {
    Caller c = ctx.attribute(ATTRIBUTE);
    if (c == null) {
      throw ApiProblem.unauthorized("sign in: send 'Authorization: Bearer TOKEN' or log in (POST /api/v1/session)");
    }
    return c;
  }

  /** The caller when signed in, else null (public routes that show more to signed-in users). */
  public static Caller orNull(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  /** Whether the caller may see an asset owned by {@code team} (null when the asset states none). */
  public boolean sees(String team) {
    return user.sees(team);
  }

  /**
   * Refuses (404, as if absent) an asset the caller may not see: another team's asset is not
   * acknowledged to exist, so names cannot be probed.
   */
  public void mustSee(String assetName, String team) {
    if (!sees(team)) {
      throw ApiProblem.notFound("asset '" + assetName + "' not found");
    }
  }
}
