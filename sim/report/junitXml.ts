// JUnit XML, the test-report format CI systems read: suites of test cases, each passing or failing with a message.
// No timings are written, so the same report gives the same bytes.

/** One test case. */
export interface JunitCase {
  classname: string;
  name: string;
  /** Absent: the case passed. */
  failure?: { message: string; type: string; details: string };
  /** Text shown with a passing case (e.g. the measured value). */
  output?: string;
}

/** One suite of cases, with properties such as the seed. */
export interface JunitSuite {
  name: string;
  properties: Array<[string, string]>;
  cases: JunitCase[];
}

// XML 1.0 forbids most control characters even escaped; they cannot come from a scenario's text anyway.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Text escaped for an XML attribute or element. */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&apos;");
}

/** The suites as JUnit XML text. */
export function junitXml(name: string, suites: readonly JunitSuite[]): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure !== undefined).length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${failures}" errors="0">`];
  for (const suite of suites) {
    const failed = suite.cases.filter((c) => c.failure !== undefined).length;
    out.push(`  <testsuite name="${xmlEscape(suite.name)}" tests="${suite.cases.length}" failures="${failed}" errors="0" skipped="0">`);
    if (suite.properties.length > 0) {
      out.push("    <properties>", ...suite.properties.map(([k, v]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(v)}"/>`), "    </properties>");
    }
    for (const c of suite.cases) {
      const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}"`;
      if (c.failure === undefined && c.output === undefined) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.failure !== undefined) {
        out.push(`      <failure message="${xmlEscape(c.failure.message)}" type="${xmlEscape(c.failure.type)}">${xmlEscape(c.failure.details)}</failure>`);
      }
      if (c.output !== undefined) out.push(`      <system-out>${xmlEscape(c.output)}</system-out>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
