// What the palette needs of a command: the app's own commands (screens/commands.ts) add what they do.
export interface PaletteCommand {
  name: string;
  aliases: readonly string[];
  description: string;
}
