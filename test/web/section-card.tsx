import { render } from "@testing-library/react";
import { vi } from "vitest";
import { SectionCard } from "../../web/features/drafting/components/SectionCard.tsx";
import { section } from "./fixtures.ts";

/** A section card for one body text, idle and unfocused, with `onEdit` recorded; `extra` overrides any prop. */
export function renderSectionCard(text: string, workLine: string, extra: Partial<Parameters<typeof SectionCard>[0]> = {}) {
  const onEdit = vi.fn();
  render(
    <SectionCard
      section={section("w1", text)}
      workLine={workLine}
      warnings={[]}
      focused={false}
      busy={false}
      generating={false}
      onFocus={() => {}}
      onEdit={onEdit}
      onLock={() => {}}
      onRegenerate={() => {}}
      {...extra}
    />,
  );
  return { onEdit };
}
