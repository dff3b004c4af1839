/** Operating the server: scheduled jobs, Prometheus metrics, health and readiness, request logs. */
package org.patchwarden.app.web.ops;
