/** Database access as the acting user, the embedded PostgreSQL, errors, i18n and security configuration. */
package sr.gov.vpflow.platform;
