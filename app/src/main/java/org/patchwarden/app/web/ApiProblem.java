package org.patchwarden.app.web;

/**
 * An error to answer with, as an RFC 9457 problem document: the status, a short title and a detail
 * that names what was wrong and where (never a stack trace).
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String title;

  public ApiProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "Unauthorized", detail);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "Forbidden", detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
