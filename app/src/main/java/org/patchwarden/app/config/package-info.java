/** Configuration: flags, environment and patchwarden.yaml resolved into one validated record. */
package org.patchwarden.app.config;
