/** Governed migration plans (v1.1-A), restore points and the validation checklist of the migration plan. */
package sr.gov.vpflow.governance;
