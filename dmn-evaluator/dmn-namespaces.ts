// Operaton 1.0 reads DMN 1.1, 1.2, 1.4 and 1.5 files as DMN 1.3 (model-api/dmn-model Dmn.java: each of those
// namespaces an alternative of DMN13_NS; camunda's extension namespace an alternative of operaton's). dmn-moddle
// reads DMN 1.3 only, so the same files are read here with their namespaces renamed the same way.
const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const DMNDI13 = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';

/** Namespace → the DMN 1.3 one Operaton reads it as (DmnModelConstants, Operaton 1.0.3). */
const ALTERNATIVES: Readonly<Record<string, string>> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': DMN13, // DMN 1.1
  'http://www.omg.org/spec/DMN/20151101/dmn11.xsd': DMN13, // DMN 1.1, alternative
  'http://www.omg.org/spec/DMN/20180521/MODEL/': DMN13, // DMN 1.2
  'https://www.omg.org/spec/DMN/20191111/DMN13.xsd': DMN13, // DMN 1.3, alternative
  'https://www.omg.org/spec/DMN/20211108/MODEL/': DMN13, // DMN 1.4
  'https://www.omg.org/spec/DMN/20230324/MODEL/': DMN13, // DMN 1.5
  'http://www.omg.org/spec/DMN/20180521/DMNDI/': DMNDI13,
  'https://www.omg.org/spec/DMN/20211108/DMNDI/': DMNDI13,
  'https://www.omg.org/spec/DMN/20230324/DMNDI/': DMNDI13,
  'http://camunda.org/schema/1.0/dmn': 'http://operaton.org/schema/1.0/dmn',
};

const DECLARATION = /(\sxmlns(?::[\w.-]+)?\s*=\s*)(["'])([^"']*)\2/g;

/** The file with every namespace declaration Operaton reads as DMN 1.3's written as DMN 1.3's. */
export function normalizeDmnNamespaces(xml: string): string {
  return xml.replace(DECLARATION, (whole, head: string, quote: string, uri: string) =>
    Object.hasOwn(ALTERNATIVES, uri) ? `${head}${quote}${ALTERNATIVES[uri]}${quote}` : whole,
  );
}
