/** CISA/CERT SSVC decision points and decision tables, as data (never hard-coded). */
package org.patchwarden.ssvc;
