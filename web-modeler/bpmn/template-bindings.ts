// The template files name the attributes a diagram must carry (`operaton:type`, `operaton:topic`), but inside the
// modeler Operaton's namespace is registered under the `camunda` prefix (operaton-moddle.ts): a property set as
// `operaton:topic` would land beside the known `camunda:topic` as a stray attribute, unseen by the properties panel.
// So property bindings are renamed to the prefix the modeler knows; saved, they are written as `operaton:` again.

export interface TemplateFile {
  id: string;
  properties: { binding: { type: string; name?: string } }[];
}

const FILE_PREFIX = 'operaton:';
const MODELER_PREFIX = 'camunda:';

/** A copy of the template whose `property` bindings name `camunda:` attributes instead of `operaton:` ones. */
export function forModeler<T extends TemplateFile>(template: T): T {
  return {
    ...template,
    properties: template.properties.map((property) => {
      const { binding } = property;
      if (binding.type !== 'property' || !binding.name?.startsWith(FILE_PREFIX)) return property;
      return { ...property, binding: { ...binding, name: MODELER_PREFIX + binding.name.slice(FILE_PREFIX.length) } };
    }),
  };
}
