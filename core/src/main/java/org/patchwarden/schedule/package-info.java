/**
 * Continuous operation of a server: scheduled jobs claimed so that one node runs each, the events they
 * raise, and agent check-ins. Pure, no I/O: the store claims, the application supplies the clock and threads.
 */
package org.patchwarden.schedule;
