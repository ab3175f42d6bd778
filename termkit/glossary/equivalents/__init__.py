"""English equivalents of French term candidates, with a calibrated confidence.

The package, by job:

* :mod:`.pairs`: the sentence-pair index (aligned pairs tokenised and indexed once, the word
  alignment, the span operations);
* :mod:`.sources`: one module per option source, registered by name: ``alignment`` (the
  English phrase the word alignment links to each occurrence), ``cooccurrence`` (n-grams with
  the best Dice association), ``identical`` (a form written the same in the English),
  ``reference`` (CLDR, places, organisations), ``transliteration`` (romanisation rules,
  confirmed by the English) and ``lexicon`` (a term's renderings composed from the word
  lexicon, found in the English);
* :mod:`.features`: the feature registry (names, what each measures, the version a model
  records), including the cross-lingual similarity of multilingual USE v3;
* :mod:`.confidence`: the logistic model that turns features into the probability that an
  option is the right English;
* :mod:`.policy`: the decision (propose the best option, or abstain with up to three ranked
  suggestions and their evidence);
* :mod:`.training`: labelled options from gold tables and reviewed glossaries, and the fit
  behind ``termkit equivalents train``;
* :mod:`.finder`: :class:`EquivalentFinder`, which puts them together.
"""

from termkit.glossary.equivalents.features import FEATURE_VERSION, FEATURES
from termkit.glossary.equivalents.finder import EquivalentFinder
from termkit.glossary.equivalents.model import Equivalent, Option, Suggestion
from termkit.glossary.equivalents.policy import MAX_SUGGESTIONS, enough_evidence

__all__ = ["FEATURES", "FEATURE_VERSION", "MAX_SUGGESTIONS", "Equivalent", "EquivalentFinder", "Option",
           "Suggestion", "enough_evidence"]
