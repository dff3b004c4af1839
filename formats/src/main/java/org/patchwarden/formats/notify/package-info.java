/** Notification payloads: generic JSON, Slack-compatible and Teams-compatible webhook bodies, email text. */
package org.patchwarden.formats.notify;
