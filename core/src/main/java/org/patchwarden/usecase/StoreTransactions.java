package org.patchwarden.usecase;

/**
 * Port: runs a group of store calls in one database transaction, so that a fleet import commits
 * once per group of assets instead of several times per asset. Calls inside join the transaction;
 * a failure rolls the whole group back.
 */
public interface StoreTransactions {
  /** Each call in its own transaction, as the stores do by themselves. */
  StoreTransactions NONE = Runnable::run;

  void run(Runnable work);
}
