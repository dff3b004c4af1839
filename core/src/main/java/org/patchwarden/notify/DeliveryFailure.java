package org.patchwarden.notify;

/** A delivery attempt that failed, with the receiver's reason (status code, SMTP reply …). */
public final class DeliveryFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public DeliveryFailure(String message) {
    super(message);
  }

  public DeliveryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
