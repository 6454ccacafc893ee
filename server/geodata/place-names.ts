// Name keys for joining two vintages of the NBS list. The 2016 list writes streets as 街道办事处 and
// committees in full (村民委员会, 居委会); the 2023 list mostly uses the short forms. Keys drop only these
// formal suffixes, never a place's own name, so 城东街道 and 城东镇 stay different places.
export function townshipKey(name: string): string {
  return name
    .trim()
    .replace(/街道办事处$/, '街道')
    .replace(/(?<!街道)办事处$/, '街道');
}

// Residents' committees (居委会) of 2016 are the communities (社区) of 2023: 鼓楼居委会 is 鼓楼社区.
export function villageKey(name: string): string {
  return name
    .trim()
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/(社区)?(居民委员会|居委会)$/, '社区');
}
