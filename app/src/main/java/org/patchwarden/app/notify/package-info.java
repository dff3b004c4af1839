/** Notification channels at the edge: webhooks over HTTP and email over SMTP. */
package org.patchwarden.app.notify;
