/**
 * The catalogue's Chinese sentence for a refusal says "someone" where the server's English one
 * names people; the refusal's details say who ("王伟, Kunming"), so the sentence gets them back.
 */
export function withWhom(code: string, text: string, details: readonly { message: string }[]): string {
  if (code !== 'OUTSIDE_WORKING_HOURS' || details.length === 0) return text;
  return `${text.replace(/。$/, '')}：${details.map((d) => d.message).join('；')}。`;
}
