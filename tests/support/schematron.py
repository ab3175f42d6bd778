"""A small ISO Schematron runner for the tests, on Saxon's XPath 2/3 engine (saxonche).

lxml's isoschematron is XPath 1 only and cannot run the TBX v3 rules (``matches()``).
Semantics kept: within a pattern, a node is checked by the first rule whose context
matches it; every assert of that rule must hold. (The TBX schemas use no let,
abstract patterns or includes.)
"""

from __future__ import annotations

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"


def schematron_errors(schema_path: str, xml_path: str) -> list[str]:
    """Failed assertions of ``schema_path`` on ``xml_path``, as 'context: message' strings."""
    from saxonche import PySaxonProcessor

    schema = etree.parse(schema_path).getroot()
    ns = {"s": SCH}
    errors: list[str] = []
    with PySaxonProcessor(license=False) as proc:
        xp = proc.new_xpath_processor()
        for decl in schema.iterfind("s:ns", ns):
            xp.declare_namespace(decl.get("prefix"), decl.get("uri"))
        doc = proc.parse_xml(xml_file_name=str(xml_path))
        for pattern in schema.iterfind("s:pattern", ns):
            fired: set[str] = set()
            for rule in pattern.iterfind("s:rule", ns):
                xp.set_context(xdm_item=doc)
                nodes = xp.evaluate("//" + rule.get("context"))
                for k in range(nodes.size if nodes is not None else 0):
                    node = nodes.item_at(k)
                    xp.set_context(xdm_item=node)
                    key = xp.evaluate_single("path(.)").string_value
                    if key in fired:
                        continue
                    fired.add(key)
                    for test in rule.iterfind("s:assert", ns):
                        if not xp.effective_boolean_value(test.get("test")):
                            errors.append(f"{key}: {' '.join(''.join(test.itertext()).split())}")
    return errors
