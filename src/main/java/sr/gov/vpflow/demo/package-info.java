/** Demonstration data: on request, an empty VP-Flow is filled with a realistic office and demo accounts. */
package sr.gov.vpflow.demo;
