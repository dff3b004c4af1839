package org.patchwarden.access;

/** Hashes passwords with a memory-hard function (a port: the function is a library's, wired in app). */
public interface PasswordHasher {
  /** The encoded hash of {@code password}, salt and parameters included. */
  String hash(String password);

  /** Whether {@code password} is the one {@code encoded} was made from (in constant time). */
  boolean matches(String password, String encoded);
}
