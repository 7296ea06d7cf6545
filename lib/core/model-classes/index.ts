/** Model classes vs dataset classes: matching by name, mapping reports, and which datasets a model version can evaluate. */
export * from "./match";
export * from "./dataset-choice";
