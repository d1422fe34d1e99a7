/**
 * Documents: immutable records whose content lives in a content-addressed document store, linked
 * to guests, appointments and cases, viewed and downloaded with every access audited.
 */
package sr.gov.vpflow.documents;
