/** The line above the status bar: a question (confirm / prompt) or the last message; errors in plain words. */
import { Text } from 'ink';
import { useEnv } from '../app/context.js';
import type { Overlay } from '../keys/overlay.js';

export interface Message {
  readonly text: string;
  readonly kind: 'info' | 'error';
}

/** Renders the message line. */
export function MessageLine({ overlay, message }: { readonly overlay: Overlay; readonly message: Message | null }) {
  const { t, color } = useEnv();
  if (overlay.kind === 'confirm') {
    return (
      <Text bold color={color('yellow')} wrap="truncate">
        {t('confirm.yesNo', { message: overlay.message })}
      </Text>
    );
  }
  if (overlay.kind === 'prompt') {
    return (
      <Text wrap="truncate">
        <Text bold>{overlay.label}: </Text>
        {overlay.value}
        <Text inverse> </Text>
        <Text dimColor>  {t('prompt.hint')}</Text>
      </Text>
    );
  }
  if (!message) return <Text> </Text>;
  return (
    <Text color={message.kind === 'error' ? color('red') : color('green')} bold={message.kind === 'error'} wrap="truncate">
      {message.text}
    </Text>
  );
}
