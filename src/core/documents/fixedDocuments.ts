// The moment a person fixed what the checks found: a document that had errors has none left. The walkthrough's
// "Fix it with the checks" step completes on it (a context key the VS Code layer sets).

/** Follows the error counts of the documents being checked, by key (a Uri's string form). */
export class FixedDocuments {
  private readonly withErrors = new Set<string>();

  /** Records a check of the document: true when its previous check found errors and this one finds none. */
  checked(document: string, errors: number): boolean {
    if (errors > 0) {
      this.withErrors.add(document);
      return false;
    }
    return this.withErrors.delete(document);
  }

  /** The document closed, or is not one the checks apply to. */
  forget(document: string): void {
    this.withErrors.delete(document);
  }
}
