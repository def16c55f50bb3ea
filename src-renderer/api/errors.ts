// The message a user sees for a failed call: the backend's own words (ApiError.message), or the error's.
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
