<#-- lottery.won (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Losverfahren: Sie haben einen Platz in ${(course.name)!""}</#assign>
<@t.hello/>

Die Plätze im Kurs <@t.coursePhrase c=course!{}/> wurden verlost, und Sie haben einen festen Platz.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
