/** Who may do what: users, their roles and teams, API tokens and browser sessions (the server's access control). */
package org.patchwarden.access;
