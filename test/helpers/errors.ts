import { expect } from "vitest";
import { AppError } from "../../server/errors.ts";

/** What a promise rejects with (typed as the AppError most tests expect); the test fails when it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a rejection");
}

/** The AppError a promise rejects with; the test fails when it resolves or rejects with anything else. */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await rejectionOf(p);
  expect(e).toBeInstanceOf(AppError);
  return e;
}
